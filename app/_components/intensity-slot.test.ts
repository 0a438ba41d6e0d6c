import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { IntensitySlot } from "@/app/_components/intensity-slot";

const rootClasses = () => /data-testid="intensity-slot"[^>]*class="([^"]*)"/.exec(renderToStaticMarkup(createElement(IntensitySlot, { serverId: null })))![1].split(" ");

describe("intensity slot", () => {
  // Fixed on a phone it covered task cards mid-scroll: there it sits in the page's flow.
  it("floats only from the md breakpoint up", () => {
    const classes = rootClasses();
    expect(classes).toEqual(expect.arrayContaining(["md:fixed", "md:bottom-4", "md:left-4", "md:max-w-[16.5rem]"]));
    expect(classes.filter((c) => /^(fixed|sticky|absolute|bottom-|left-|right-|top-|inset-|z-)/.test(c))).toEqual([]);
  });
});
