/** Campaigns: create, launch, pause, resume, cancel, and read a launch's progress and decisions. */
package io.sequor.api.campaigns;
