package com.acme.platform.cache;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import java.nio.charset.StandardCharsets;

/** A Lua script sent by its SHA1 (EVALSHA), re-sent in full when Redis has forgotten it (after a restart). */
final class RedisScript {

    private final String source;
    private volatile String sha;

    RedisScript(String source) {
        this.source = source;
    }

    long run(RedisCommands<String, byte[]> redis, String[] keys, byte[]... args) {
        String known = sha;
        if (known != null) {
            try {
                return redis.evalsha(known, ScriptOutputType.INTEGER, keys, args);
            } catch (RedisNoScriptException forgotten) {
                sha = null;
            }
        }
        Long result = redis.eval(source.getBytes(StandardCharsets.UTF_8), ScriptOutputType.INTEGER, keys, args);
        sha = redis.digest(source.getBytes(StandardCharsets.UTF_8));
        return result;
    }

    static byte[] arg(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
}
