package com.acme.platform.productservice.replica;

import com.acme.platform.support.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code X-Consistency-Token}: PostgreSQL's own LSN text form, read back into a comparable long. */
class WalPositionTests {

    @Test
    void formatsAsPostgresWritesAnLsnHighAndLowWordInUpperCaseHex() {
        assertThat(WalPosition.format(0x16_B374D848L)).isEqualTo("16/B374D848");
        assertThat(WalPosition.format(0x3000060L)).isEqualTo("0/3000060");
        assertThat(WalPosition.format(0)).isEqualTo("0/0");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 0x3000060L, 0xFFFFFFFFL, 0x1_00000000L, 0x16_B374D848L, 0x7FFFFFFF_FFFFFFFFL})
    void aFormattedPositionParsesBackToItself(long position) {
        assertThat(WalPosition.parseToken(WalPosition.format(position))).isEqualTo(position);
    }

    @Test
    void parsedTokensOrderAsTheirPositionsDoAcrossTheWordBoundary() {
        long lowWordFull = WalPosition.parseToken("0/FFFFFFFF");
        long nextWord = WalPosition.parseToken("1/0");
        long later = WalPosition.parseToken("1/3000060");

        assertThat(lowWordFull).isLessThan(nextWord);
        assertThat(nextWord).isLessThan(later);
    }

    @Test
    void lowerCaseHexIsTheSamePosition() {
        assertThat(WalPosition.parseToken("16/b374d848")).isEqualTo(WalPosition.parseToken("16/B374D848"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void aMissingTokenRequiresNoPositionAtAll(String token) {
        assertThat(WalPosition.parseToken(token)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3000060", "/3000060", "0/", "123456789/0", "0/123456789", "G/0", "0/xyz", "0/1/2", "0x1/0", "1 /0", "-1/0", "0/-1", "+1/0"})
    void anythingElseIsRejectedAsABadRequestNamingTheHeader(String token) {
        assertThatThrownBy(() -> WalPosition.parseToken(token))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("X-Consistency-Token")
                .hasMessageContaining(token);
    }
}
