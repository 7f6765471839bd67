"""Test-case parsers: Cucumber features, Playwright (TS/JS/Python) and Selenium (Java/Python) scripts."""

from __future__ import annotations

import pytest

from tdm_agents.synthetic.errors import TestCaseParseError
from tdm_agents.synthetic.sources.test_cases import parse_script, parse_test_case, selector_field

FEATURE = """
Feature: Customer registration

  Scenario: Register with a phone number
    Given I am on the registration page
    When I fill in "First name" with "Ann"
    And I enter "+14155550100" into the phone field
    And the country is "Norway"
    Then I should see "Welcome"

  Scenario Outline: Register many
    When I register with <email> and <age>
    Examples:
      | email           | age | newsletter | signup_date |
      | ann@example.org | 34  | true       | 2024-01-05  |
      | bo@example.net  | 51  | false      | 2023-11-30  |
"""


def test_feature_examples_and_quoted_step_values() -> None:
    schema = parse_test_case(FEATURE, "registration.feature")
    entity = schema.entities[0]
    assert entity.name == "customer_registration"
    by_name = {a.name: a for a in entity.attributes}
    assert by_name["email"].semantic_type == "email"
    assert by_name["email"].example_values == ["ann@example.org", "bo@example.net"]
    assert by_name["age"].type == "integer"
    assert by_name["newsletter"].type == "boolean"
    assert by_name["signup_date"].type == "date"
    assert by_name["first_name"].example_values == ["Ann"]
    assert by_name["phone"].semantic_type == "phone"
    assert by_name["country"].example_values == ["Norway"]
    assert schema.sources[0].reference == "registration.feature"


PLAYWRIGHT_TS = """
import { test } from '@playwright/test';
test('signup', async ({ page }) => {
  await page.fill('#email', 'a@b.co');
  await page.getByLabel('First name').fill('Ann');
  await page.locator('input[name="zip_code"]').fill("94107");
  await page.getByRole('textbox', { name: 'Last name' }).fill('Lee');
  await page.getByPlaceholder('Birth date').fill('1990-04-01');
  await page.locator('#plan').selectOption('premium');
  await page.check('#terms');
});
"""

PLAYWRIGHT_PY = """
def test_signup(page):
    page.fill("#email", "c@d.org")
    page.get_by_label("Age").fill("42")
"""


def test_playwright_scripts_in_typescript_and_python() -> None:
    fields = parse_script(PLAYWRIGHT_TS)
    assert fields["email"] == ["a@b.co"]
    assert fields["First name"] == ["Ann"]
    assert fields["zip_code"] == ["94107"]
    assert fields["Last name"] == ["Lee"]
    assert fields["Birth date"] == ["1990-04-01"]
    assert fields["plan"] == ["premium"]
    assert fields["terms"] == ["true"]
    entity = parse_test_case(PLAYWRIGHT_PY, "signup_test.py").entities[0]
    assert entity.name == "signup"
    age = entity.attribute("age")
    assert age is not None and age.type == "integer"


SELENIUM_JAVA = """
public class LoginTest {
  @Test public void login() {
    driver.findElement(By.id("username")).sendKeys("ann.lee");
    WebElement mail = driver.findElement(By.name("email"));
    mail.sendKeys("ann@example.org");
    driver.findElement(By.cssSelector("input[data-testid=amount]")).sendKeys("12.50");
  }
}
"""

SELENIUM_PY = """
driver.find_element(By.ID, "phone").send_keys("+4712345678")
box = driver.find_element(By.XPATH, "//input[@name='city']")
box.send_keys("Oslo")
"""


def test_selenium_scripts_in_java_and_python() -> None:
    entity = parse_test_case(SELENIUM_JAVA, "LoginTest.java").entities[0]
    assert entity.name == "login"
    assert entity.attribute("username").example_values == ["ann.lee"]
    assert entity.attribute("email").semantic_type == "email"
    assert entity.attribute("amount").type == "decimal"
    fields = parse_script(SELENIUM_PY)
    assert fields == {"phone": ["+4712345678"], "city": ["Oslo"]}


@pytest.mark.parametrize(
    ("selector", "field"),
    [("#email", "email"), ('input[name="email"]', "email"), ("//input[@id='e']", "e"), (".city", "city")],
)
def test_selector_field_names(selector: str, field: str) -> None:
    assert selector_field(selector) == field


def test_unsupported_or_empty_files_are_refused() -> None:
    with pytest.raises(TestCaseParseError, match="unsupported"):
        parse_test_case("x", "notes.txt")
    with pytest.raises(TestCaseParseError, match="no fields"):
        parse_test_case("Feature: nothing\n  Scenario: empty\n", "empty.feature")
