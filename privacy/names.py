"""Given names and surnames common in the UK, for spotting names written without a title.

A capitalised word after a given name from this list ("Dave Smith", "Aisha Khan") is read as a
surname. Given names that are also everyday words ("Will", "Grace", "May", "Frank") count only
before a surname from the list below, so "Will Housing help?" and "Grace period" stay prose.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


GIVEN_NAMES = _words(
    """
    Aaliyah Aaron Abbie Abby Abdi Abdul Abdullah Abi Abigail Adam Adebayo Adeel Adele Adrian Ahmed
    Aidan Aiden Aileen Aimee Aisha Alan Alastair Albert Alex Alexander Alexandra Alexis Alfie Ali
    Alice Alicia Alison Alistair Allan Allison Amanda Amar Amara Amelia Amina Amir Amit Amy Ana
    Anderson Andrea Andrew Andy Aneesa Angela Angus Anil Anita Ann Anna Anne Annette Annie Anthony
    Antonio Anwar Arjun Arran Arthur Asha Ashley Ashok Asif Aurora Austin Ava Ayesha Ayla Barbara
    Barry Bartosz Beatrice Becky Ben Benjamin Bernadette Bernard Beth Bethan Bethany Beverley
    Bilal Billy Blessing Bobby Brandon Brendan Brenda Brian Bridget Briony Bronwen Bruce Bryony
    Caitlin Callum Calum Cameron Carl Carla Carly Carmen Caroline Carys Catherine Cathy Cerys
    Chantelle Charlene Charles Charlie Charlotte Chelsea Cheryl Chidi Chloe Chloë Chris Christian
    Christina Christine Christopher Ciara Ciaran Claire Clare Colin Colm Conor Connor Craig
    Cynthia Dafydd Daisy Damian Damien Dan Dana Daniel Daniela Danielle Danny Darren Darryl Dave
    David Dawid Debbie Deborah Declan Dee Deepak Denise Dennis Derek Desmond Dev Diana Diane Dilip
    Dominic Donna Donald Doreen Dorothy Dougie Douglas Duncan Dylan Eamon Eamonn Ebony Eddie Edward
    Eileen Elaine Eleanor Elena Eli Elif Elijah Elizabeth Ella Ellie Elliot Elliott Eloise Emeka
    Emily Emma Emmanuel Erin Eric Esther Ethan Eugene Eve Evie Ewan Faisal Farah Fatima Fatuma
    Fergus Finlay Finn Fiona Florence Francesca Francis Freddie Frederick Freya Gabriel Gail
    Gareth Garry Gary Gavin Gemma Geoffrey George Georgia Georgina Gerald Geraldine Gerard Gillian
    Glenn Gloria Gordon Graham Greg Gregory Gurpreet Gwen Gwyneth Hamza Hannah Harjit Harold
    Harriet Harry Harvey Hassan Hayley Hazel Heidi Helen Henry Hollie Hugh Hussain Iain Ian
    Ibrahim Idris Imogen Imran Irene Isaac Isabel Isabella Isabelle Isla Ismail Ivan Jacek Jack
    Jackie Jacob Jacqueline Jade Jagdeep Jake Jakub James Jamal Jamie Jan Jane Janet Janice
    Jannat Jasmine Jason Jasper Jaspreet Javed Jayden Jean Jeanette Jeff Jenna Jennifer Jenny
    Jeremy Jermaine Jessica Jill Jim Jimmy Joan Joanna Joanne Jodie Joe Joel Joey John Johnny
    Jon Jonathan Jordan Jose Joseph Josephine Josh Joshua Joy Joyce Judith Judy Julia Julian
    Julie Justin Kamal Kamran Karen Karim Karl Kasia Kate Katherine Kathleen Kathryn Katie Katy
    Kayleigh Keith Kelly Kenneth Kerry Kevin Khadija Kieran Kim Kimberley Kirsty Krishna
    Krzysztof Kwame Kyle Lachlan Laila Lara Laura Lauren Layla Leah Lee Leigh Leila Leo Leon
    Leonard Lesley Leslie Lewis Liam Lily Linda Lindsay Lindsey Lisa Logan Lola Lorna Lorraine
    Louis Louise Lucas Lucy Luke Lydia Lynn Lynne Maciej Mohammed Madison Magdalena Maisie Malcolm
    Mandeep Mandy Manpreet Marcus Margaret Maria Mariam Marie Marion Marek Martha Martin Mary
    Maryam Mason Matilda Matthew Maureen Megan Mehmet Melanie Melissa Mia Michael Michaela
    Michelle Mick Mike Mila Millie Mitchell Mo Mohamed Mohammad Mohammed Molly Monica Muhammad
    Mustafa Nadia Naomi Natalie Natasha Nathan Neil Niamh Nicholas Nick Nicki Nicola Nicole Nigel
    Nikhil Nina Noah Noel Nora Norma Norman Nuala Obi Oisin Olga Oliver Olivia Omar Oscar Owen
    Paige Pamela Patricia Patrick Paul Paula Pauline Pawel Peter Philip Phillip Phoebe Piotr
    Priya Rachael Rachel Rahul Raj Rajesh Ralph Ravi Rebecca Reece Rhian Rhiannon Rhys Richard
    Rick Ricky Riley Rita Rob Robert Robbie Robin Robyn Rodney Roger Ronan Ronald Ronnie Rory
    Rosemary Ross Rowan Roxanne Ruth Ryan Sabrina Sadia Saima Sajid Sally Salma Sam Samantha
    Samira Samuel Sandra Sanjay Sara Sarah Saul Scarlett Scott Sean Seamus Sebastian Shabana
    Shane Shannon Sharon Shaun Shauna Sheila Shirley Sian Siân Simon Simone Sinead Siobhan Sofia
    Sonia Sophia Sophie Stacey Stanley Stefan Stella Stephanie Stephen Steve Steven Stewart
    Stuart Sunil Susan Suzanne Sylvia Tahir Tamara Tanya Tara Tariq Teresa Terence Terry Tessa
    Theo Theresa Thomas Tim Timothy Tina Toby Tom Tomasz Tommy Toni Tony Tracey Tracy Trevor
    Tyler Usman Valerie Vanessa Vicky Victoria Vikram Vincent Violet Wayne Wendy William Wojciech
    Yasmin Yusuf Zainab Zara Zoe Zoë Zofia
    Leanne Courtney Ffion Catrin Eilidh Morag Mhairi Kirsten Tegan Keeley Yvonne Lynsey Lyndsey
    Kayla Jemma Shona Tamsin Rosie Evelyn Nadine Marcia Chanel Shanice Tia Demi Kira Keira Lacey
    Aoife Orla Roisin Grainne Saoirse Caoimhe Bronagh Agnieszka Katarzyna Ewa Monika Marta Natalia
    Justyna Ioana Andreea Alina Irina Oksana Svetlana Nasreen Rubina Nazia Shazia Samina Parveen
    Rukhsana Tasnim Nusrat Humaira Sana Hina Sobia Asma Uzma Bushra Farida Halima Hodan Fadumo Ayaan
    Amal Nimo Ngozi Chiamaka Adaeze Funmilayo Abimbola Tendai Rutendo Yetunde Folake Bukola Kemi
    Simran Harpreet Kiran Navdeep Rajinder Sukhvinder Parminder Kamaljit Pardeep Davinder Jasvir
    Balvinder Kenny Adil Asad Bashir Farhan Haroon Irfan Kashif Khalid Mahmood Majid Nadeem Naveed
    Qasim Rashid Saeed Shahid Sohail Tanveer Waqas Waseem Zahid Zubair Abdirahman Abdullahi Mahad
    Osman Tunde Femi Segun Chukwuemeka Chinedu Kofi Kwabena Yaw Delroy Winston Leroy Errol Marlon
    Tyrone Dwayne Kareem Lamar Mariusz Marcin Lukasz Grzegorz Mateusz Michal Rafal Andrzej Bogdan
    Ionut Florin Mihai Andrei Vasile Constantin Gheorghe Dmitri Sergei Oleksandr Fraser Hamish
    Euan Niall Cormac Padraig Eoin Fionn Gethin Iwan Aled Rhodri Emrys Huw Ieuan Geraint Kieron
    Bradley Archie Finley Ollie Jaden Malachi Ezra Isaiah Reuben Rohan Aryan Vikash Ashish Manish
    Nitin Pradeep Prakash Rakesh Ramesh Suresh Mukesh Dinesh Hitesh Jatinder Gurdeep Harjinder
    Kulwinder Baljit Sukhdev Amarjit Ranjit Clive Sharon Susan Karen Linda Janet Maureen Gillian
    Wendy Sandra Patricia Christine Pauline Brenda Sheila Elaine Lorraine Dawn Tracey Deborah
    """
)

# Given names that are also everyday words, months or brands: a surname from the list must
# follow before they count.
AMBIGUOUS_GIVEN_NAMES = _words(
    """
    Mark Amber April Autumn Bill Carol Chase Crystal Dawn Dean Faith Frank Glen Grace Grant Guy
    Heather Holly Hope Iris Ivy Jay Jewel June Max May Miles Pat Penny Poppy Ray Rich Rose Ruby
    Sky Summer
    Sue Victor Will Wade Gene Joy Jordan Chelsea Florence Lewis Mason Victoria Austin Logan Jack
    Kim Jean Lee Mo Dee Jan Leigh Robin Rowan Hazel Violet Daisy Lily Stanley Norman Harvey
    Gift Memory Precious Patience Comfort Dale Levi Ty Kai Dawn
    """
)

SURNAMES = _words(
    """
    Abbott Adams Ahmed Akhtar Ali Allen Anderson Andrews Armstrong Arnold Atkinson Bailey Baker
    Ball Banks Barker Barnes Bates Begum Bell Bennett Berry Bibi Bird Bishop Black Blake Bond
    Booth Bradley Brennan Brooks Brown Bryant Buckley Burke Burns Burton Butler Byrne Campbell
    Carr Carter Chambers Chapman Clark Clarke Cole Coleman Collins Connolly Cook Cooke Cooper
    Cox Crawford Cunningham Dale Daly Davidson Davies Davis Dawson Day Dean Dixon Doherty Douglas
    Doyle Duffy Duncan Dunn Edwards Elliott Ellis Evans Farrell Ferguson Fisher Fitzgerald
    Fleming Fletcher Ford Foster Fox Francis Fraser Gallagher Gardner Gibson Gill Gordon Graham
    Grant Gray Green Greenwood Griffin Griffiths Hall Hamilton Harper Harris Harrison Hart Harvey
    Hassan Hawkins Hayes Henderson Hill Holmes Hope Houghton Howard Hudson Hughes Hunt Hunter
    Hussain Hussein Iqbal Jackson James Jenkins Johnson Johnston Jones Jordan Kaur Kay Kelly
    Kennedy Khan Kelly King Knight Lamb Lambert Lane Lawrence Lawson Lee Lewis Lloyd Lowe Lynch
    Macdonald MacDonald Mahmood Malik Marshall Martin Mason Matthews Maxwell McCarthy McDonald
    McGrath McKenzie McLean Miah Miller Mills Mistry Mitchell Moore Moran Morgan Morris Morrison
    Murphy Murray Nelson Newman Nicholson Noor Nowak Brien O'Brien O'Connor O'Neill O'Reilly
    O'Sullivan Owen Owens Palmer Parker Parry Patel Payne Pearce Pearson Perry Phillips Pierce
    Powell Price Quinn Rahman Reid Reynolds Rice Richards Richardson Riley Roberts Robertson
    Robinson Rogers Rose Ross Russell Ryan Saunders Scott Shah Sharma Sharp Shaw Simpson Singh
    Smith Spencer Stevens Stewart Stone Sullivan Sutton Taylor Thomas Thompson Thomson Turner
    Walker Wallace Walsh Ward Watson Watts Webb Wells West White Whitehead Wilkinson Williams
    Williamson Willis Wilson Wood Woods Wright Young Kowalski Nowicki Wiśniewski Okafor Okoye
    Mensah Osei Adeyemi Chowdhury Uddin Islam Hossain Bibi Akram Aziz Butt Mirza Qureshi Raza
    Clayton Cross Fowler Gibbons Gilbert Hammond Holt Hodgson Jennings Kirby Knowles Lucas Mann
    Marsh Middleton Nash Norris Osborne Page Parsons Peacock Poole Potter Read Rowe Sanders
    Sheppard Slater Stephens Summers Swift Talbot Townsend Tucker Vaughan Wade Walton Warren Waters
    Webster Wiggins Yates Barnett Bolton Bradshaw Bull Burgess Cartwright Conway Dennis Field
    Frost Gregory Hale Hancock Hardy Higgins Hopkins Horton Howe Hussey Ingram Jarvis Jefferies
    Kemp Lees Lyons Mahoney Marsden McCann McLaughlin Mellor Moss Naylor Nolan O'Donnell O'Hara
    O'Connell Parkinson Parkes Pratt Randall Rees Reeves Rhodes Sharpe Shepherd Steele Storey
    Sykes Tait Thornton Tomlinson Vincent Wall Walters Watkins Weston Whittaker Wilkins Wyatt
    Hamid Hanif Nawaz Rashid Sadiq Siddiqui Sultan Yousaf Zaman Abdi Farah Mohamud Warsame Okonkwo
    Nwosu Boateng Asante Owusu Appiah Kamara Sesay Bangura Wozniak Lewandowski Kaminski
    Zielinski Szymanski Popescu Ionescu Popa Kumar Gupta Mehta Joshi Chauhan Sandhu Dhillon Grewal
    Bains Sidhu Johal Kang Rai Chopra Nguyen Tran Chen Wang Zhang Wong Chan Hall Wood Hill Lane
    """
)

# Organisations and places named after people: read as a service, not a person.
NAMED_ORGANISATIONS = frozenset(
    name.lower()
    for name in (
        "Marie Curie",
        "Sue Ryder",
        "Leonard Cheshire",
        "John Lewis",
        "Joseph Rowntree",
        "Florence Nightingale",
        "Mary Seacole",
        "Ronald McDonald",
        "Anthony Nolan",
        "Martin Luther",
        "Jo Cox",
        "Grace Darling",
        "Jack Daniels",
        "Victoria Wood",
        "Elizabeth Line",
        "Mary Rose",
    )
)

# More given names and surnames common in the UK (the en_GB lists of Faker, MIT licence, and
# others seen in practice), for names written without a title.
GIVEN_NAMES = GIVEN_NAMES | _words(
    """
    Antony Ashleigh Brett Bryan Carole Carolyn Clifford Debra Denis Frances Graeme Hilary Jayne
    Jeffrey Lawrence Lynda Marc Marian Marilyn Martyn Mathew Maurice Raymond Roy Russell Howard
    Agnes Alfred Ann-Marie Annabel Arlo Ashton Barney Bernie Brooke Bryn Cai Callie Cara Carlos
    Cassie Cecilia Clara Connie Cyril Darcy Della Dexter Dilys Dominika Dora Edith
    Edwin Effie Elsie Elvis Enid Ernest Esme Ethel Evan Fabian Felix Frankie Gabriella
    Gemima Gordon Gracie Greta Gus Hamid Harrison Hector Herbert Hollie Hugo Ida Ibrahima
    Ines Isaac Isobel Jacques Jakob Jasmin Jed Jess Jodie Jonah Jude Juliet Kacper Karina Kasim
    Kirk Kobe Lana Lenny Lewin Lila Liz Lorenzo Lottie Lukas Mabel Maddie Marcel Margo Marlene
    Maxine Miriam Moses Muriel Nadim Nathaniel Ned Nell Nia Nikita Norah Olly Otis Patsy Percy
    Petra Rhiannon Rocco Rufus Sasha Seren Shay Sid Silas Stan Stevie Sunita Tamsin Ted
    Teddy Tobi Travis Tristan Troy Vera Vince Walter Wilf Wilfred Winnie Xavier Yasmine Zach
    Zachary Zak Zeke
    """
)
SURNAMES = SURNAMES | _words(
    """
    Barber Barlow Barrett Bentley Bevan Blackburn Bowen Boyle Bradbury Brady Briggs Brookes Burrows
    Chadwick Charlton Collier Cooke Coates Cottrell Dawes Dickinson Dobson Donnelly Dyer Eaton
    Farmer Finch Fitzpatrick Fleming Forster Fuller Goodwin Gough Hargreaves Hartley Haynes Heath
    Hewitt Holland Holloway Howells Hutchinson Jarvis Kerr Leach Lord Manning Metcalfe Morley
    Nicholls Norton Oliver Potts Pugh Savage Sims Skinner Stokes Sharples Thorpe Tyler Walsh
    Whitehouse Winter Wood Woodward Birch O'Sullivan
    """
)
