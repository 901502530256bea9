package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.scripting.HostApi;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * The {@code random} host object: {@code string(n)} (n letters and digits), {@code integer(min, max)}
 * (both ends included), {@code hex(n)} (n lower-case hex digits). Drawn from a {@link SecureRandom},
 * so the values may serve as tokens and passwords.
 */
public final class RandomFunctions {

    static final int MAX_LENGTH = 10_000;
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String HEX = "0123456789abcdef";
    /** Integers scripts can hold exactly: JavaScript numbers are doubles. */
    private static final long MAX_SAFE = 9_007_199_254_740_991L;

    private final RandomGenerator random;

    public RandomFunctions() {
        this(new SecureRandom());
    }

    RandomFunctions(RandomGenerator random) {
        this.random = random;
    }

    public void register(HostApi.Builder api) {
        api.add("random.string", (run, list) -> {
            Args args = Args.of("random.string", list);
            return draw(ALPHANUMERIC, (int) args.integer(0, "the length", 0, MAX_LENGTH));
        });
        api.add("random.hex", (run, list) -> {
            Args args = Args.of("random.hex", list);
            return draw(HEX, (int) args.integer(0, "the number of hex digits", 0, MAX_LENGTH));
        });
        api.add("random.integer", (run, list) -> {
            Args args = Args.of("random.integer", list);
            long min = args.integer(0, "min", -MAX_SAFE, MAX_SAFE);
            long max = args.integer(1, "max", -MAX_SAFE, MAX_SAFE);
            if (min > max) {
                throw args.range("min (" + min + ") must not be greater than max (" + max + ")");
            }
            return min + random.nextLong(max - min + 1);
        });
    }

    private String draw(String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
