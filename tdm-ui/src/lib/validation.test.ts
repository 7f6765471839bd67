import { describe, expect, it } from "vitest";

import { checkConnectionString } from "./validation";

describe("checkConnectionString", () => {
  it.each([
    "postgresql://reader:secret@db:5432/shop",
    "postgres://reader@db/shop",
    "postgresql+psycopg://reader@db/shop",
    "postgresql://reader@/shop?host=/var/run/postgresql",
    "postgresql://%2Ftmp:5433/shop",
    "host=db1,db2 port=5432,5433 dbname=shop user=reader",
    "dbname=shop host=/var/run/postgresql",
  ])("accepts %s", (value) => {
    expect(checkConnectionString(value)).toBeUndefined();
  });

  it.each([
    ["", "Enter"],
    ["mysql://u@h/shop", "postgresql://"],
    ["just some text", "key=value"],
    ["host=db user=reader", "dbname"],
    ["postgresql://u@h/shop\r\nx", "control characters"],
  ])("refuses %j", (value, words) => {
    expect(checkConnectionString(value)).toContain(words);
  });

  it("leaves an optional field empty", () => {
    expect(checkConnectionString("  ", false)).toBeUndefined();
  });
});
