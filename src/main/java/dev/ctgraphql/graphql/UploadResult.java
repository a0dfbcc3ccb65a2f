package dev.ctgraphql.graphql;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.ctgraphql.upstream.UploadFeed;
import dev.ctgraphql.upstream.Uploads;

/** What became of an upload, record by record. */
@Type("UploadResult")
@Description("How many records were accepted, and every record that was not, with why.")
public record UploadResult(
        @NonNull @Description("Overall outcome.") UploadStatus status,
        @NonNull @Description("Records CleverTap accepted (with dryRun: records that passed validation).") int accepted,
        @NonNull @Description("Records not accepted, in the order you sent them: not stored (with CleverTap's code), or "
                + "unconfirmed (code null: CleverTap's answer did not say; it may have been stored).") List<@NonNull RejectedRecord> rejected,
        @NonNull @Description("How many of the rejected records are unconfirmed: CleverTap may have stored them, so sending "
                + "events again may duplicate them.") int unconfirmed) {

    /** Combines the records refused before sending with CleverTap's outcome of the rest. */
    public static UploadResult of(List<Uploads.Rejection> refusedHere, Uploads.Outcome sent) {
        List<Uploads.Rejection> all = new ArrayList<>(refusedHere);
        all.addAll(sent.rejected());
        all.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return of(new UploadFeed.Result(sent.accepted(), all, sent.unconfirmed()));
    }

    /** What became of an upload's records: those refused here or by CleverTap, by index, and how many it accepted. */
    public static UploadResult of(UploadFeed.Result sent) {
        List<RejectedRecord> rejected = new ArrayList<>(sent.rejected().size());
        for (Uploads.Rejection r : sent.rejected()) {
            rejected.add(new RejectedRecord(r.index(), r.code(), r.message()));
        }
        UploadStatus status = rejected.isEmpty()
                ? UploadStatus.SUCCESS
                : sent.accepted() == 0 ? UploadStatus.FAILED : UploadStatus.PARTIAL;
        return new UploadResult(status, sent.accepted(), List.copyOf(rejected), sent.unconfirmed());
    }
}
