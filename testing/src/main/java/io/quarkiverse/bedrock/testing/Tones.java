package io.quarkiverse.bedrock.testing;

/** Generated speech stand-ins: sine tones as 16-bit little-endian mono PCM. */
final class Tones {

    private Tones() {
    }

    /**
     * @param hertz the tone's frequency
     * @param millis its length
     * @param sampleRate samples per second
     * @return the samples
     */
    static byte[] sine(double hertz, int millis, int sampleRate) {
        int samples = sampleRate * millis / 1000;
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short s = (short) (Math.sin(2 * Math.PI * hertz * i / sampleRate) * 8000);
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }
}
