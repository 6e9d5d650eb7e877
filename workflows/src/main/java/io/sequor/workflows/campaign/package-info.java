/** The campaign workflow: enrols a campaign's audience page by page, then watches it to the end. */
package io.sequor.workflows.campaign;
