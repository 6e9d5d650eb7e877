/** Which parts of Sequor this process runs, chosen by profile. */
package io.sequor.app.roles;
