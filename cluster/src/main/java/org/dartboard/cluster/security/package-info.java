/**
 * Who may use a dartboard cluster: the shared {@link org.dartboard.cluster.security.ClusterSecret}, TLS
 * identities ({@link org.dartboard.cluster.security.ClusterTls}) made by
 * {@link org.dartboard.cluster.security.ClusterCertificates}, and the guard every node runs inside Ignite,
 * which checks nodes and clients and holds clients to dartboard's task.
 * {@link org.dartboard.cluster.security.ClusterSecurity} is the one place that turns these into Ignite
 * settings, for nodes and for the thin client.
 */
package org.dartboard.cluster.security;
