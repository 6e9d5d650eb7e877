/**
 * Human replies sorted into positive, neutral, negative and referral: the rule set's verdict, the
 * workspace's definition of positive, and a person's overrides, all kept.
 */
package io.sequor.domain.classifications;
