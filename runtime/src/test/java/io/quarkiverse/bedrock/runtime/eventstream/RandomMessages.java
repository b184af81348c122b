package io.quarkiverse.bedrock.runtime.eventstream;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.vertx.core.buffer.Buffer;

/** Generates random messages: random header sets of every type and random payload sizes. */
final class RandomMessages {

    private final Random random;

    RandomMessages(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** @param maxPayload the largest payload size to draw; sizes are spread log-uniformly from 0 */
    EventStreamMessage next(int maxPayload) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        int count = random.nextInt(8);
        for (int i = 0; i < count; i++) {
            headers.put(name(), value());
        }
        int bits = 32 - Integer.numberOfLeadingZeros(maxPayload);
        int size = Math.min(maxPayload, random.nextInt(1 << random.nextInt(bits + 1)));
        byte[] payload = new byte[size];
        random.nextBytes(payload);
        return new EventStreamMessage(headers, Buffer.buffer(payload));
    }

    private String name() {
        int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 80 : 20);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // mostly ASCII, sometimes two- and three-byte UTF-8
            int kind = random.nextInt(20);
            sb.append(kind == 0 ? (char) (0xE9 + random.nextInt(5)) : kind == 1 ? '\u20AC' : (char) ('!' + random.nextInt(90)));
        }
        return sb.toString();
    }

    private HeaderValue value() {
        HeaderType type = HeaderType.values()[random.nextInt(10)];
        return switch (type) {
            case BOOL_TRUE -> HeaderValue.bool(true);
            case BOOL_FALSE -> HeaderValue.bool(false);
            case BYTE -> new HeaderValue(type, (byte) random.nextInt());
            case SHORT -> new HeaderValue(type, (short) random.nextInt());
            case INT -> new HeaderValue(type, random.nextInt());
            case LONG -> new HeaderValue(type, random.nextLong());
            case BYTE_ARRAY -> {
                byte[] b = new byte[random.nextInt(random.nextInt(20) == 0 ? 3000 : 40)];
                random.nextBytes(b);
                yield new HeaderValue(type, b);
            }
            case STRING -> HeaderValue.string(name().repeat(1 + random.nextInt(3)));
            case TIMESTAMP -> new HeaderValue(type, Instant.ofEpochMilli(random.nextLong()));
            case UUID -> new HeaderValue(type, new UUID(random.nextLong(), random.nextLong()));
        };
    }
}
