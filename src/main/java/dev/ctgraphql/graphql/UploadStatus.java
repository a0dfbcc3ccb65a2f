package dev.ctgraphql.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** Overall outcome of an upload. */
@Enum("UploadStatus")
@Description("SUCCESS: every record accepted. PARTIAL: some rejected (see rejected). FAILED: none accepted.")
public enum UploadStatus {
    SUCCESS, PARTIAL, FAILED
}
