/** Sending to clients that read slowly or not at all: asynchronous sends and the slow-consumer policies. */
package io.wsconnector.tests.sendqueue;
