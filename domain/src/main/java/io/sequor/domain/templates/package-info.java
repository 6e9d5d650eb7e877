/** Logic-less Mustache templates in strict mode: a missing value is an error, never a hole. */
package io.sequor.domain.templates;
