using System.Globalization;
using System.Text;

namespace StudyGuide.Bench.Seed;

/// <summary>
/// ~200 distinct posts of the kind a class writes: a few paragraphs, sometimes a list, a link, a quote
/// of an earlier post, a snippet of code. Same seed, same bodies, on every machine.
/// </summary>
static class Bodies
{
    static readonly string[] Sentences =
    [
        "I read the chapter twice and I still think the author skips over the hardest part of the argument.",
        "The example with the two trains finally made the idea of relative speed click for me.",
        "Could someone explain why the second step follows from the first? I keep getting a different answer.",
        "We tried the experiment at home and the water boiled faster with the lid on, as the guide said it would.",
        "My group disagreed about whether the narrator can be trusted, and I think that is the point of the story.",
        "The map in the appendix helps a lot if you print it and keep it next to the text.",
        "I found a mistake in my own notes: the treaty was signed in 1648, not 1658.",
        "This reminds me of what we discussed last week about primary and secondary sources.",
        "I am not sure I agree, because the data only covers three years and the trend could be noise.",
        "If you rewrite the equation in terms of x first, the rest of the exercise is much shorter.",
        "The poem changes tone in the last stanza, which is where the real meaning is hidden.",
        "Thanks for sharing this, it answered the question I was too shy to ask in class.",
        "Our teacher said we should cite the page number whenever we quote the book.",
        "I think the strongest counterargument is the one about cost, not the one about time.",
        "The video was helpful but it moves very fast, so I paused it after every step.",
        "Here is how I would summarise the reading in three points, tell me if I missed something.",
        "The graph looks linear at first but it clearly bends after the fifth measurement.",
        "I tried to translate the paragraph myself before looking at the answer, and I got most of it.",
        "It is interesting that both authors use the same evidence and reach opposite conclusions.",
        "Remember that the deadline for the draft is Friday, and the final version is due a week later.",
        "I would add that the climate of the region explains why the city grew where it did.",
        "The hardest part for me was keeping track of all the characters in the first act.",
        "When I checked the units, I realised I had mixed up grams and kilograms in part b.",
        "A friend pointed out that the question asks for an explanation, not just the result.",
        "The museum visit made the period feel much more real than the textbook does.",
        "I like the idea, but I wonder how it would work in a class with thirty students.",
        "Does anyone have a good mnemonic for the order of the planets that is not about pizza?",
        "I changed my mind after reading the replies above; the evidence is stronger than I thought.",
        "The article is from 2019, so some of the numbers have probably changed since then.",
        "Splitting the problem into smaller cases made it manageable, as the hint suggested.",
    ];

    static readonly string[] ListItems =
    [
        "read the introduction again", "write down every unknown word", "compare with the previous chapter",
        "check the answer with a classmate", "draw the situation before calculating", "note the page numbers",
        "look for the main claim in each paragraph", "test the formula with simple numbers", "ask the teacher on Monday",
        "make a timeline of the events",
    ];

    static readonly string[] Code =
    [
        "def average(values):\n    return sum(values) / len(values)\n\nprint(average([12, 15, 9]))",
        "for i in range(1, 11):\n    print(i, i * i)",
        "let total = 0;\nfor (const price of prices) {\n  total += price;\n}\nconsole.log(total.toFixed(2));",
        "SELECT name, count(*)\nFROM answers\nGROUP BY name\nORDER BY name;",
    ];

    public static IReadOnlyList<string> Create(int count, int seed)
    {
        var random = new Random(seed);
        var bodies = new List<string>(count);
        for (var i = 0; i < count; i++) bodies.Add(Body(random));
        return bodies;
    }

    static string Body(Random random)
    {
        var text = new StringBuilder();
        if (random.Next(5) == 0)
        {
            text.Append("> ").Append(Pick(random, Sentences)).Append("\n\n");
        }
        var paragraphs = 1 + random.Next(3);
        for (var p = 0; p < paragraphs; p++)
        {
            var sentences = 1 + random.Next(4);
            for (var s = 0; s < sentences; s++)
            {
                var sentence = Pick(random, Sentences);
                sentence = random.Next(6) switch
                {
                    0 => Emphasise(sentence, "**"),
                    1 => Emphasise(sentence, "_"),
                    _ => sentence,
                };
                if (s > 0) text.Append(' ');
                text.Append(sentence);
            }
            if (random.Next(4) == 0)
                text.Append(CultureInfo.InvariantCulture, $" See [the reading for week {1 + random.Next(30)}](https://example.org/readings/{1 + random.Next(500)}).");
            text.Append("\n\n");
        }
        if (random.Next(4) == 0)
        {
            var items = 2 + random.Next(4);
            var ordered = random.Next(2) == 0;
            for (var i = 0; i < items; i++)
                text.Append(ordered ? $"{i + 1}. " : "- ").Append(Pick(random, ListItems)).Append('\n');
            text.Append('\n');
        }
        if (random.Next(8) == 0)
        {
            text.Append("```\n").Append(Pick(random, Code)).Append("\n```\n\n");
        }
        else if (random.Next(6) == 0)
        {
            text.Append("I used `").Append(Pick(random, ["x = 2y + 3", "len(words)", "F = m * a", "git status"])).Append("` for that part.\n\n");
        }
        if (random.Next(10) == 0) text.Append("More on this: https://example.org/notes/").Append(random.Next(1000)).Append("\n\n");
        return text.ToString().TrimEnd();
    }

    static string Emphasise(string sentence, string marker)
    {
        var words = sentence.Split(' ');
        var at = words.Length / 3;
        words[at] = marker + words[at] + marker;
        return string.Join(' ', words);
    }

    static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
