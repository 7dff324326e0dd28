package com.acme.platform.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every listing's {@code cursor}: opaque to clients, the last id of the previous page to the service. */
class PageCursorTests {

    @Test
    void aCursorDecodesToTheIdItWasMadeFrom() {
        UUID lastId = UUID.fromString("7d8c7c35-6d52-4b1e-9a57-0a3c5d0b9e11");

        assertThat(PageCursor.decode(PageCursor.encode(lastId))).contains(lastId);
    }

    @Test
    void aCursorIsUrlSafeWithoutPaddingAndDoesNotShowTheId() {
        for (int i = 0; i < 200; i++) {
            UUID id = UUID.randomUUID();
            String cursor = PageCursor.encode(id);

            assertThat(cursor).matches("[A-Za-z0-9_-]+").doesNotContain(id.toString());
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    void noCursorMeansTheFirstPage(String cursor) {
        assertThat(PageCursor.decode(cursor)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-cursor", "%%%", "abc=", "7d8c7c35-6d52-4b1e-9a57-0a3c5d0b9e11"})
    void aCursorThisServiceDidNotIssueIsABadRequest(String cursor) {
        assertThatThrownBy(() -> PageCursor.decode(cursor))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("nextCursor");
    }

    @Test
    void wellFormedBase64OfSomethingElseIsABadRequestToo() {
        String notAnId = Base64.getUrlEncoder().withoutPadding().encodeToString("hello".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> PageCursor.decode(notAnId)).isInstanceOf(InvalidRequestException.class);
    }
}
