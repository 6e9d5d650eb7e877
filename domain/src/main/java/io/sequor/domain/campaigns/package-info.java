/** Campaigns: a sequence version launched on an audience, with its launch decisions. */
package io.sequor.domain.campaigns;
