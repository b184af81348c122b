package io.quarkiverse.bedrock.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hashes and the key derivation of AWS Signature Version 4, in one place for the request signer, the event-stream
 * (speech) signer and the emulator's verifiers.
 * <p>
 * Every request is signed, so the per-request cost counts against short streams: the digest and MAC engines are
 * kept per thread (looking them up in the security providers allocated more than the hashing itself), and the
 * signing key, which only changes with the day, the region, the service and the secret, is derived once and reused.
 */
public final class SigV4Keys {

    private static final String HMAC = "HmacSHA256";
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    });
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(HMAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is not available in this JVM", e);
        }
    });
    private static final AtomicReference<DerivedKey> LAST_KEY = new AtomicReference<>();

    private SigV4Keys() {
    }

    /**
     * @param data bytes to hash
     * @return their SHA-256
     */
    public static byte[] sha256(byte[] data) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest.digest(data);
    }

    /**
     * @param key the HMAC key
     * @param data text to sign, as UTF-8
     * @return its HMAC-SHA256
     */
    public static byte[] hmac(byte[] key, String data) {
        Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(key, HMAC));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("An HmacSHA256 key was refused", e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param secretAccessKey the secret key
     * @param date the scope's date, {@code yyyyMMdd}
     * @param region the scope's region
     * @param service the scope's service
     * @return the signing key of that scope (a copy: the caller may keep or change it)
     */
    public static byte[] signingKey(String secretAccessKey, String date, String region, String service) {
        DerivedKey last = LAST_KEY.get();
        if (last != null && last.isFor(secretAccessKey, date, region, service)) {
            return last.key.clone();
        }
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        LAST_KEY.set(new DerivedKey(secretAccessKey, date, region, service, key.clone()));
        return key;
    }

    /** The last signing key derived and its scope; deliberately no {@code toString()}, it holds the secret. */
    private static final class DerivedKey {
        private final String secret;
        private final String date;
        private final String region;
        private final String service;
        private final byte[] key;

        DerivedKey(String secret, String date, String region, String service, byte[] key) {
            this.secret = secret;
            this.date = date;
            this.region = region;
            this.service = service;
            this.key = key;
        }

        boolean isFor(String secret, String date, String region, String service) {
            return this.secret.equals(secret) && this.date.equals(date) && this.region.equals(region)
                    && this.service.equals(service);
        }
    }
}
