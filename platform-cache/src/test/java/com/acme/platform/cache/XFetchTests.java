package com.acme.platform.cache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * XFetch's early refresh (Vattani et al., VLDB 2015). With {@code gap = delta * beta * -ln(rand)} exponentially
 * distributed, a read {@code t} ms before the soft expiry refreshes with probability {@code exp(-t / (delta * beta))}:
 * these tests check that curve by drawing many times, with bounds many standard deviations wide.
 */
class XFetchTests {

    private static final long EXPIRY = 1_000_000;
    private static final int DRAWS = 20_000;

    @ParameterizedTest(name = "delta {0} ms, beta {1}, {2} ms before expiry")
    @CsvSource({
            "100, 1.0, 100",     // one delta before: e^-1 = 0.37
            "100, 1.0, 50",      // closer: e^-0.5 = 0.61
            "100, 1.0, 300",     // further: e^-3 = 0.05
            "100, 2.0, 100",     // a larger beta refreshes earlier: e^-0.5
            "400, 1.0, 100",     // so does a slower load: e^-0.25 = 0.78
            "0,   1.0, 1",       // a load under a millisecond counts as one: e^-1
    })
    void refreshesWithTheProbabilityOfThePaper(long loadMillis, double beta, long millisBeforeExpiry) {
        double expected = Math.exp(-millisBeforeExpiry / (Math.max(loadMillis, 1) * beta));

        double observed = refreshShare(EXPIRY - millisBeforeExpiry, loadMillis, beta);

        // sd = sqrt(p(1-p)/n) <= 0.0036 for 20,000 draws: 0.03 is over eight of them
        assertThat(observed).isCloseTo(expected, within(0.03));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 60_000})
    void atOrPastTheSoftExpiryEveryReadRefreshes(long millisPastExpiry) {
        assertThat(refreshShare(EXPIRY + millisPastExpiry, 100, 1.0)).isEqualTo(1.0);
    }

    @Test
    void farFromExpiryNoReadRefreshes() {
        // fifty deltas early: e^-50, under 1e-21 per read
        assertThat(refreshShare(EXPIRY - 5_000, 100, 1.0)).isZero();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0})
    void aBetaOfZeroOrLessSwitchesEarlyRefreshOff(double beta) {
        assertThat(refreshShare(EXPIRY - 1, 100, beta)).isZero();
        assertThat(refreshShare(EXPIRY + 1, 100, beta)).isZero();
    }

    private static double refreshShare(long now, long loadMillis, double beta) {
        int refreshed = 0;
        for (int i = 0; i < DRAWS; i++) {
            if (XFetch.shouldRefreshEarly(now, loadMillis, EXPIRY, beta)) {
                refreshed++;
            }
        }
        return (double) refreshed / DRAWS;
    }
}
