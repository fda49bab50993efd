package io.wsconnector.runtime.protocol;

/**
 * What all connections of one server share: the clock that keeps their deadlines, the budget of buffered
 * inbound bytes, and the log that counts what clients make them do.
 *
 * @param clock         checks every deadline, every 100 ms
 * @param inboundBudget what all connections together may buffer of messages being received
 * @param log           counts and reports events rather than logging each
 */
public record ServerServices(ServerClock clock, InboundBudget inboundBudget, CountedLog log) {
}
