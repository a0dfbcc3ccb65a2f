/** GraphQL types shared by several domains: scalars, date ranges, event queries and paging. */
package dev.ctgraphql.graphql;
