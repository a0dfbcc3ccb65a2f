/** What every domain shares about talking to CleverTap. */
package dev.ctgraphql.upstream;
