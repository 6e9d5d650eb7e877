/**
 * The LinkedIn sandbox's scripted answers: a small workflow that waits on the engine's clock, then
 * hands each answer to the same intake a provider's webhook uses.
 */
package io.sequor.workflows.sandbox;
