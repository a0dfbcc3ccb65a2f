package dev.ctgraphql.upstream;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/** Refuses to start without a way to reach CleverTap, with a message that says what to set. */
@Singleton
public class StartupCheck {

    private static final Logger LOG = Logger.getLogger(StartupCheck.class);

    void onStart(@Observes StartupEvent event, CleverTapConfig config, CleverTapCredentials credentials) {
        String problem = problem(config.sandbox().enabled(), credentials.accountId(), credentials.passcode());
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        if (config.sandbox().enabled()) {
            if (LaunchMode.current() == LaunchMode.NORMAL) {
                LOG.warn("clevertap.sandbox.enabled=true: answering from the embedded sandbox, not from CleverTap");
            }
        } else {
            // neither the account id nor the passcode is logged
            LOG.infof("Calling CleverTap in region %s", config.baseUrl().isPresent() ? "(explicit base URL)" : config.region());
        }
    }

    /** Why the service cannot start with this configuration, or null when it can. */
    static String problem(boolean sandbox, String accountId, String passcode) {
        if (sandbox || (!accountId.isBlank() && !passcode.isBlank())) {
            return null;
        }
        StringBuilder missing = new StringBuilder();
        if (accountId.isBlank()) {
            missing.append("CLEVERTAP_ACCOUNT_ID");
        }
        if (passcode.isBlank()) {
            missing.append(missing.isEmpty() ? "" : " and ").append("CLEVERTAP_PASSCODE");
        }
        return "CleverTap credentials are missing: set " + missing
                + " (and CLEVERTAP_REGION: eu, in1, sg1, us1, aps3 or mec1), or set CLEVERTAP_SANDBOX_ENABLED=true"
                + " to run on the embedded sandbox";
    }
}
