package dev.creact.engine.model;

/**
 * Who holds a stack's lock.
 *
 * @param lockId     unique id, for {@code creact unlock --force LOCK_ID}
 * @param stack      the stack
 * @param user       user name of the holder
 * @param host       host name of the holder
 * @param pid        process id of the holder
 * @param command    what the holder is doing ({@code creact deploy})
 * @param acquiredAt epoch milliseconds when it was taken
 * @param expiresAt  epoch milliseconds when it lapses unless renewed
 */
public record LockInfo(String lockId, String stack, String user, String host, long pid, String command,
                       long acquiredAt, long expiresAt) {

    /** "alice@build-7 (pid 4242, `creact deploy`), held for 12 s". */
    public String describe(long now) {
        return user + "@" + host + " (pid " + pid + ", `" + command + "`), held for " + age(now - acquiredAt);
    }

    static String age(long millis) {
        long s = Math.max(0, millis / 1000);
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min";
        }
        return (s / 3600) + " h";
    }
}
