/**
 * Messages in and out of one session: echo, replies by return value (also asynchronous), and the order of what is
 * sent.
 */
package io.wsconnector.tests.messages;
