package com.acme.platform.authservice.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key file as an operator handles it: generated once (demo), rotated by prepending, refused when unusable. */
class JwkSetFileTests {

    @TempDir
    Path directory;

    @Test
    void theDemoKeyIsGeneratedOnceOwnerOnlyAndThenReused() throws Exception {
        Path file = directory.resolve("data/auth/jwks.json");

        JWKSet first = JwkSetFile.loadOrGenerate(file, true);
        JWKSet second = JwkSetFile.loadOrGenerate(file, true);

        assertThat(first.getKeys()).hasSize(1);
        assertThat(second.getKeys().getFirst().getKeyID()).isEqualTo(first.getKeys().getFirst().getKeyID());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).containsExactly(file);   // no temporary file left behind
        }
    }

    @Test
    void aNewKeyGoesFirstAndTheOldOneStaysPublished() {
        Path file = directory.resolve("jwks.json");
        String oldKid = JwkSetFile.loadOrGenerate(file, true).getKeys().getFirst().getKeyID();

        String newKid = JwkSetFile.addKey(file);

        JWKSet keys = JwkSetFile.loadOrGenerate(file, false);
        assertThat(keys.getKeys()).extracting(JWK::getKeyID).containsExactly(newKid, oldKid);
    }

    @Test
    void aMissingFileOutsideDemoIsAnErrorNamingTheVariable() {
        Path file = directory.resolve("jwks.json");

        assertThatThrownBy(() -> JwkSetFile.loadOrGenerate(file, false))
                .hasMessageContaining("AUTH_JWK_SET_FILE").hasMessageContaining(file.toString());
        assertThat(file).doesNotExist();
    }

    @Test
    void aSetWhoseFirstKeyCannotSignIsRefused() throws Exception {
        Path file = directory.resolve("jwks.json");
        JwkSetFile.loadOrGenerate(file, true);
        Files.writeString(file, JWKSet.load(file.toFile()).toPublicJWKSet().toString());

        assertThatThrownBy(() -> JwkSetFile.loadOrGenerate(file, false))
                .hasMessageContaining("AUTH_JWK_SET_FILE").hasMessageContaining("private");
    }

    @Test
    void aKeyWithoutKidIsRefused() throws Exception {
        Path file = directory.resolve("jwks.json");
        JwkSetFile.loadOrGenerate(file, true);
        Files.writeString(file, Files.readString(file).replaceFirst("\"kid\":\"[^\"]+\",?", ""));

        assertThatThrownBy(() -> JwkSetFile.loadOrGenerate(file, false)).hasMessageContaining("kid");
    }

    @Test
    void somethingElseThanAJwkSetIsRefusedNamingTheVariable() throws Exception {
        Path file = directory.resolve("jwks.json");
        Files.writeString(file, "not json");

        assertThatThrownBy(() -> JwkSetFile.loadOrGenerate(file, false))
                .hasMessageContaining("AUTH_JWK_SET_FILE").hasMessageContaining("not a readable JWK set");
    }
}
