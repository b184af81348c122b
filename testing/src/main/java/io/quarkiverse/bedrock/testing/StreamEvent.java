package io.quarkiverse.bedrock.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event of a stream before framing.
 *
 * @param type the {@code :event-type}
 * @param payload the JSON payload (the {@code p} padding is added when the event is framed)
 */
record StreamEvent(String type, ObjectNode payload) {
}
