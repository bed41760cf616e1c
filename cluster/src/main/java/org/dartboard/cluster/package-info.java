/**
 * dartboard on a cluster: server nodes built on Apache Ignite ({@link org.dartboard.cluster.DartboardNode}),
 * and the client farm that {@code Farms.cluster(pattern)} opens, which finds the nodes by address pattern and
 * sends them batches of jobs through Ignite's thin client. Nodes run the same job code as the local farm.
 */
package org.dartboard.cluster;
