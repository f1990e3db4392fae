/** rvqlm eval module: see ARCHITECTURE.md at the repository root for what it owns. */
package dev.rvqlm.eval;
