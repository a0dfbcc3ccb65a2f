package dev.ctgraphql.upstream;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** What a restore from a snapshot changes: the name and salt every copy must have for itself, and who is told. */
class ProcessIdentityTest {

    @Test
    void theNameAndSaltStayUntilARestoreAndAreDrawnAnewAfterIt() {
        ProcessIdentity identity = new ProcessIdentity();
        String name = identity.name();
        long salt = identity.salt();
        assertThat(identity.name(), equalTo(name));
        assertThat(identity.salt(), equalTo(salt));

        identity.restored();

        assertThat(identity.name(), not(equalTo(name)));
        assertThat(identity.salt(), not(equalTo(salt)));
    }

    @Test
    void listenersAreToldAfterTheNewNameIsDrawnAndNoLongerOnceForgotten() {
        ProcessIdentity identity = new ProcessIdentity();
        String snapshotName = identity.name();
        List<String> seen = new ArrayList<>();
        Runnable listener = () -> seen.add(identity.name());
        identity.onRestore(listener);

        identity.restored();
        String restoredName = identity.name();
        identity.forget(listener);
        identity.restored();

        assertThat(seen, contains(restoredName));
        assertThat(restoredName, not(equalTo(snapshotName)));
    }

    @Test
    void twoProcessesNeverShareAName() {
        assertThat(new ProcessIdentity().name(), not(equalTo(new ProcessIdentity().name())));
    }
}
