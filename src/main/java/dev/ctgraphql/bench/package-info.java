/** What the scripts in bench/ need from the running service, off unless switched on at run time. */
package dev.ctgraphql.bench;
