/** The event log every node writes as events.jsonl: the closed set of events, their JSON form and the logs that take them. */
package io.wanlab.core.event;
