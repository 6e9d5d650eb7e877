/** Activities of the campaign workflow. */
package io.sequor.worker.campaigns;
