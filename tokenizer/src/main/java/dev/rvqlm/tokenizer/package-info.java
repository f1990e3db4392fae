/** rvqlm tokenizer module: see ../shared/DESIGN.md for what it owns. */
package dev.rvqlm.tokenizer;
