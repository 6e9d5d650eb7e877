/** The store and the domain services shared by the api and the worker. */
package io.sequor.domain;
