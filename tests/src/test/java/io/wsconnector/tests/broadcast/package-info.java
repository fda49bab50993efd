/** Sending to many sessions: broadcasts, rooms, and the session registry under churn. */
package io.wsconnector.tests.broadcast;
