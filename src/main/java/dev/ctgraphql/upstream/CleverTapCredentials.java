package dev.ctgraphql.upstream;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The account id and passcode in effect: the configured ones, or the sandbox's when the sandbox is on and none are set.
 */
@ApplicationScoped
public class CleverTapCredentials {

    private final CleverTapConfig config;

    CleverTapCredentials(CleverTapConfig config) {
        this.config = config;
    }

    public String accountId() {
        return config.accountId().filter(s -> !s.isBlank())
                .orElseGet(() -> config.sandbox().enabled() ? config.sandbox().accountId() : "");
    }

    public String passcode() {
        return config.passcode().filter(s -> !s.isBlank())
                .orElseGet(() -> config.sandbox().enabled() ? config.sandbox().passcode() : "");
    }

    /** The External Trigger token ({@code X-CleverTap-Token}), or empty when none is configured. */
    public String externalTriggerToken() {
        return config.externalTriggerToken().filter(s -> !s.isBlank())
                .orElseGet(() -> config.sandbox().enabled() ? config.sandbox().externalTriggerToken() : "");
    }

    /** True when both credentials are present. */
    public boolean present() {
        return !accountId().isEmpty() && !passcode().isEmpty();
    }

    @Override
    public String toString() {
        return "CleverTapCredentials[accountId=***, passcode=***]";
    }
}
