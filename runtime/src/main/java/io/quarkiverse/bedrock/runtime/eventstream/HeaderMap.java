package io.quarkiverse.bedrock.runtime.eventstream;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable, ordered, array-backed header map. A message has a handful of headers, so a linear scan beats hashing and
 * the map costs two small objects instead of a hash table and one entry per header.
 */
final class HeaderMap extends AbstractMap<String, HeaderValue> {

    /** The map of a message without headers. */
    static final HeaderMap EMPTY = new HeaderMap(new Object[0], 0);

    /** Names at even indexes, values at odd ones, in wire order. */
    private final Object[] namesAndValues;
    private final int size;

    /** Takes ownership of the array; the names must be distinct (the decoder checks). */
    HeaderMap(Object[] namesAndValues, int size) {
        this.namesAndValues = namesAndValues;
        this.size = size;
    }

    /** Copies any map, keeping its iteration order; rejects null names and values. */
    static HeaderMap copyOf(Map<String, HeaderValue> headers) {
        if (headers instanceof HeaderMap) {
            return (HeaderMap) headers;
        }
        Object[] kv = new Object[headers.size() * 2];
        int n = 0;
        for (Map.Entry<String, HeaderValue> e : headers.entrySet()) {
            kv[2 * n] = Objects.requireNonNull(e.getKey(), "header name");
            kv[2 * n + 1] = Objects.requireNonNull(e.getValue(), "header value");
            n++;
        }
        return new HeaderMap(kv, n);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public HeaderValue get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : (HeaderValue) namesAndValues[2 * i + 1];
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    private int indexOf(Object name) {
        Object[] kv = namesAndValues;
        for (int i = 0; i < size; i++) {
            if (kv[2 * i] == name) {
                return i;
            }
        }
        if (name != null) {
            for (int i = 0; i < size; i++) {
                if (name.equals(kv[2 * i])) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** @return whether a value is a (mutable) byte array, so that the map must not be shared between messages */
    boolean hasByteArrayValue() {
        for (int i = 0; i < size; i++) {
            if (valueAt(i).type() == HeaderType.BYTE_ARRAY) {
                return true;
            }
        }
        return false;
    }

    /** @return the name of the header at wire position {@code i} */
    String nameAt(int i) {
        return (String) namesAndValues[2 * i];
    }

    /** @return the value of the header at wire position {@code i} */
    HeaderValue valueAt(int i) {
        return (HeaderValue) namesAndValues[2 * i + 1];
    }

    @Override
    public Set<Entry<String, HeaderValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, HeaderValue>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, HeaderValue> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(nameAt(i), valueAt(i));
                    }
                };
            }
        };
    }
}
