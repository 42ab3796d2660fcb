package io.promrelay;
public class Main { public static void main(String[] a) { } }
