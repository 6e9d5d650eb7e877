/** The people Sequor writes to, and the suppression list that keeps it from writing again. */
package io.sequor.domain.prospects;
