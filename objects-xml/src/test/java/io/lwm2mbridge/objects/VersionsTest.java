package io.lwm2mbridge.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VersionsTest {

    /** The plain definition of the order, by splitting: what the in-place comparison must agree with. */
    private static int bySplitting(String a, String b) {
        String[] left = a.strip().split("\\.", -1);
        String[] right = b.strip().split("\\.", -1);
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            String l = i < left.length ? left[i] : "0";
            String r = i < right.length ? right[i] : "0";
            boolean numbers = l.matches("[0-9]+") && r.matches("[0-9]+");
            int c;
            if (numbers) {
                String x = l.replaceFirst("^0+(?=.)", "");
                String y = r.replaceFirst("^0+(?=.)", "");
                c = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
            } else {
                c = l.compareTo(r);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Test
    void ordersNumericallyPartByPart() {
        assertThat(Versions.compare("1.10", "1.2")).isPositive();
        assertThat(Versions.compare("2.0", "1.10")).isPositive();
        assertThat(Versions.compare("1", "1.0")).isZero();
        assertThat(Versions.compare("1.0", "1.0.1")).isNegative();
        assertThat(Versions.compare("1.02", "1.2")).isZero();
        assertThat(Versions.compare("1.0.0", "1")).isZero();
        assertThat(Versions.compare(" 1.1 ", "1.1")).isZero();
        assertThat(Versions.compare("1.1a", "1.1")).isPositive();
        assertThat(Versions.compare("1.", "1.0")).isNegative(); // an empty part is text, before "0"
        assertThat(Versions.compare("99999999999999999999", "100000000000000000000")).isNegative();
    }

    @Test
    void agreesWithTheSplittingDefinition() {
        Random random = new Random(42);
        String alphabet = "0012.9a.";
        for (int n = 0; n < 20_000; n++) {
            String a = randomVersion(random, alphabet);
            String b = randomVersion(random, alphabet);
            assertThat(Integer.signum(Versions.compare(a, b)))
                    .as("%s vs %s", a, b)
                    .isEqualTo(Integer.signum(bySplitting(a, b)));
        }
    }

    private static String randomVersion(Random random, String alphabet) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
