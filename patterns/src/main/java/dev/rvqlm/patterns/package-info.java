/** rvqlm patterns module: see ../shared/DESIGN.md for what it owns. */
package dev.rvqlm.patterns;
