/** How a packaged start gets to its first answer sooner: the classes of a recorded start loaded ahead of the main thread. */
package dev.ctgraphql.boot;
