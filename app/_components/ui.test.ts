import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Field } from "@/app/_components/ui";

const field = (errors?: string[], hint?: string) =>
  renderToStaticMarkup(createElement(Field, { label: "Tags", name: "tags", errors, hint, children: createElement("input", { id: "tags" }) }));

describe("field", () => {
  it("gives a field's errors one container with the error id and the alert role, a line each", () => {
    const html = field(["Tag 1 is too long", "Tag 2 has spaces"]);
    expect(html.match(/id="tags-error"/g)).toHaveLength(1);
    expect(html.match(/role="alert"/g)).toHaveLength(1);
    expect(html).toMatch(/<div id="tags-error" role="alert"[^>]*><p>Tag 1 is too long<\/p><p>Tag 2 has spaces<\/p><\/div>/);
  });

  it("keeps repeated messages as separate lines", () => {
    expect(field(["Required", "Required"]).match(/<p>Required<\/p>/g)).toHaveLength(2);
  });

  it("shows the hint and no alert when there are no errors", () => {
    for (const errors of [undefined, []]) {
      const html = field(errors, "comma-separated");
      expect(html).not.toContain("role=\"alert\"");
      expect(html).not.toContain("tags-error");
      expect(html).toContain("comma-separated");
    }
    expect(field(["Required"], "comma-separated")).not.toContain("comma-separated");
  });
});
