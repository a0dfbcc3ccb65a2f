package dev.ctgraphql.upstream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

/**
 * The Lua scripts {@link SharedLimiter} runs in Redis, each atomic: admitting waiting tickets in arrival order,
 * renewing and giving back leases, the replicas' heartbeat and the account-wide pacing slots.
 */
final class LimiterScripts {

    /** Admits waiting tickets in arrival order. KEYS: queue, tickets' expiries, leases, sequence. */
    static final Script ADMIT = new Script("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local limit, ttl, most = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
            for _, gone in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)) do
              redis.call('ZREM', KEYS[1], gone)
              redis.call('ZREM', KEYS[2], gone)
            end
            for i = 4, #ARGV do
              if not redis.call('ZSCORE', KEYS[1], ARGV[i]) then
                redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[4]), ARGV[i])
              end
              redis.call('ZADD', KEYS[2], now + ttl, ARGV[i])
            end
            local free = limit - redis.call('ZCARD', KEYS[3])
            local granted = {}
            for i = 4, #ARGV do
              if #granted >= most or free <= 0 or redis.call('ZRANK', KEYS[1], ARGV[i]) >= free then
                break
              end
              redis.call('ZREM', KEYS[1], ARGV[i])
              redis.call('ZREM', KEYS[2], ARGV[i])
              redis.call('ZADD', KEYS[3], now + ttl, ARGV[i])
              free = free - 1
              granted[#granted + 1] = ARGV[i]
            end
            return granted
            """);

    /** Extends (or registers) the leases of requests in flight. KEYS: queue, tickets' expiries, leases. */
    static final Script RENEW = new Script("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            for i = 2, #ARGV do
              redis.call('ZADD', KEYS[3], now + tonumber(ARGV[1]), ARGV[i])
              redis.call('ZREM', KEYS[1], ARGV[i])
              redis.call('ZREM', KEYS[2], ARGV[i])
            end
            return #ARGV - 1
            """);

    /** Gives a lease back, or withdraws a waiting ticket, and tells the waiting replicas. KEYS: queue, expiries, leases. */
    static final Script LEAVE = new Script("""
            local removed = redis.call('ZREM', KEYS[3], ARGV[1]) + redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('PUBLISH', ARGV[2], ARGV[3])
            return removed
            """);

    /** Says this replica is alive; answers how many are, and this one's rank among them by id. KEYS: replicas. */
    static final Script MEMBERS = new Script("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
            local rank = 0
            local members = redis.call('ZRANGE', KEYS[1], 0, -1)
            for _, member in ipairs(members) do
              if member < ARGV[1] then
                rank = rank + 1
              end
            end
            return {#members, rank}
            """);

    /** Takes the next slot of a paced operation for the whole account; answers how many ms away it is. KEYS: next slot. */
    static final Script PACE = new Script("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local interval = tonumber(ARGV[1])
            local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
            redis.call('SET', KEYS[1], slot + interval, 'PX', slot + interval - now + 1000)
            return slot - now
            """);

    private LimiterScripts() {
    }

    /** A Lua script, sent by its SHA-1 and loaded on the first {@code NOSCRIPT} (e.g. after Redis restarted). */
    record Script(String source, String sha) {

        Script(String source) {
            this(source, hex("SHA-1", source));
        }

        Request request(Command command, String script, List<String> keys, List<String> args) {
            Request request = Request.cmd(command).arg(script).arg(keys.size());
            keys.forEach(request::arg);
            args.forEach(request::arg);
            return request;
        }
    }

    /** The digest of {@code text} (UTF-8) by {@code algorithm}, in lower-case hex. */
    static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}
