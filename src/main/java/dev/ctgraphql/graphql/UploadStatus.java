package dev.ctgraphql.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** Overall outcome of an upload. */
@Enum("UploadStatus")
@Description("SUCCESS: every record accepted. PARTIAL: some rejected (see rejected). FAILED: none accepted.")
public enum UploadStatus {
    @Description("Every record was accepted.")
    SUCCESS, @Description("Some records were rejected; see rejected.")
    PARTIAL, @Description("No record was accepted.")
    FAILED;

}
