package com.acme.platform.authservice.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The signing keys, from a JWK set file (RFC 7517, private keys included). The first key signs every token; all of
 * them are published at /oauth2/jwks, so tokens signed by a key being retired still verify until they expire.
 * Rotation: put a new key first, restart, and remove the old key once the longest token lifetime has passed.
 * <p>
 * Keys live in a file rather than being generated at each start because a new key on every restart would
 * invalidate every token in flight, and with two instances each would sign with a key the other does not publish.
 */
public final class JwkSetFile {

    /** The variable operators set; named in every failure so the fix is obvious. */
    static final String VARIABLE = "AUTH_JWK_SET_FILE";

    private static final Logger log = LoggerFactory.getLogger(JwkSetFile.class);

    private JwkSetFile() {
    }

    /**
     * Reads the key set, or, only when {@code generateIfMissing} (the demo profile), creates it with one new RSA key
     * the first time, readable by the owner only. Fails the start on a missing or unusable file.
     */
    public static JWKSet loadOrGenerate(Path file, boolean generateIfMissing) {
        if (Files.notExists(file)) {
            if (!generateIfMissing) {
                throw new IllegalStateException(VARIABLE + " points at " + file.toAbsolutePath()
                        + ", which does not exist. Create a JWK set there (see docs/auth-service.md, \"Signing keys\")"
                        + " or set " + VARIABLE + " to an existing one");
            }
            generate(file);
        }
        JWKSet keys;
        try {
            keys = JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException(VARIABLE + " (" + file.toAbsolutePath() + ") is not a readable JWK set: "
                    + e.getMessage(), e);
        }
        check(keys, file);
        log.info("Signing with key {} from {}; publishing {} key(s)", keys.getKeys().getFirst().getKeyID(),
                file.toAbsolutePath(), keys.size());
        return keys;
    }

    private static void check(JWKSet keys, Path file) {
        if (keys.isEmpty()) {
            throw new IllegalStateException(VARIABLE + " (" + file.toAbsolutePath() + ") holds no key");
        }
        for (JWK key : keys.getKeys()) {
            // A kid on every key: the resource servers pick the verifying key by the token's kid, and fetch the set
            // again when they meet a kid they do not know (which is how they learn about a new key).
            if (key.getKeyID() == null || key.getKeyID().isBlank()) {
                throw new IllegalStateException(VARIABLE + " (" + file.toAbsolutePath() + "): every key needs a \"kid\"");
            }
        }
        if (!(keys.getKeys().getFirst() instanceof RSAKey signing) || !signing.isPrivate()) {
            throw new IllegalStateException(VARIABLE + " (" + file.toAbsolutePath()
                    + "): the first key signs the tokens, so it must be an RSA key with its private part");
        }
    }

    /**
     * Rotation, step one: a new RSA key first in the file (created if missing), the existing keys kept after it so
     * tokens they signed still verify. Restart auth-service to sign with the new key; remove the old key from the
     * file (and restart again) once the longest token lifetime has passed. Run from the service's jar:
     * {@code java -Dloader.main=com.acme.platform.authservice.key.JwkSetFile -cp auth-service.jar
     * org.springframework.boot.loader.launch.PropertiesLauncher add-key /path/to/jwks.json}
     *
     * @return the new key's kid
     */
    public static String addKey(Path file) {
        try {
            List<JWK> keys = new ArrayList<>();
            keys.add(newKey());
            if (Files.exists(file)) {
                keys.addAll(JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8)).getKeys());
            }
            write(file, new JWKSet(keys));
            return keys.getFirst().getKeyID();
        } catch (IOException | ParseException | JOSEException e) {
            throw new IllegalStateException("Cannot add a key to " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    public static void main(String[] args) {
        if (args.length != 2 || !"add-key".equals(args[0])) {
            System.err.println("usage: JwkSetFile add-key <jwks.json>   (prepends a new RSA 2048 signing key)");
            System.exit(2);
        }
        Path file = Path.of(args[1]);
        System.out.println("Added key " + addKey(file) + " first in " + file.toAbsolutePath()
                + "; restart auth-service to sign with it, remove the old key after the longest token lifetime");
    }

    private static void generate(Path file) {
        try {
            RSAKey key = newKey();
            write(file, new JWKSet(key));
            log.warn("Generated a new signing key {} in {} (demo profile); it is reused from now on", key.getKeyID(),
                    file.toAbsolutePath());
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException("Cannot create the JWK set at " + VARIABLE + " (" + file.toAbsolutePath()
                    + "): " + e.getMessage(), e);
        }
    }

    private static RSAKey newKey() throws JOSEException {
        return new RSAKeyGenerator(2048)
                .keyID(UUID.randomUUID().toString())
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .generate();
    }

    /** The whole set, private parts included, replacing the file in one rename. */
    private static void write(Path file, JWKSet keys) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        // Written under another name and renamed: a crash mid-write leaves no half-written key set behind, and a
        // running auth-service never reads one.
        Path temporary = Files.createTempFile(directory, ".jwks", ".tmp", ownerOnly(directory));
        try {
            Files.writeString(temporary, keys.toString(false), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Mode 0600 where the file system has POSIX permissions: the file holds private keys. */
    private static FileAttribute<?>[] ownerOnly(Path directory) {
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }
}
