package io.quarkiverse.bedrock.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hashes and the key derivation of AWS Signature Version 4, in one place for the request signer, the event-stream
 * (speech) signer and the emulator's verifiers.
 */
public final class SigV4Keys {

    private SigV4Keys() {
    }

    /**
     * @param data bytes to hash
     * @return their SHA-256
     */
    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /**
     * @param key the HMAC key
     * @param data text to sign, as UTF-8
     * @return its HMAC-SHA256
     */
    public static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /**
     * @param secretAccessKey the secret key
     * @param date the scope's date, {@code yyyyMMdd}
     * @param region the scope's region
     * @param service the scope's service
     * @return the signing key of that scope
     */
    public static byte[] signingKey(String secretAccessKey, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }
}
