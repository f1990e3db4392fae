/** rvqlm eval module: see ../shared/DESIGN.md for what it owns. */
package dev.rvqlm.eval;
