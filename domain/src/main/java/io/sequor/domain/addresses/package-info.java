/**
 * Email address verification: syntax, whether the domain accepts mail (DNS), disposable domains and
 * role addresses, and the verdict kept with each prospect.
 */
package io.sequor.domain.addresses;
