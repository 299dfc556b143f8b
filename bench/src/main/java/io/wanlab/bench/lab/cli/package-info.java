/** picocli commands over the lab's plain classes: {@code down}, {@code status}, {@code exec}. */
package io.wanlab.bench.lab.cli;
